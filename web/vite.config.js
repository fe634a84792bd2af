import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  build: { chunkSizeWarningLimit: 3000 },
  // vue-i18n compiles messages to an AST it walks, instead of to code run
  // with new Function, which the Content-Security-Policy (script-src 'self',
  // no 'unsafe-eval') forbids.
  define: { __INTLIFY_JIT_COMPILATION__: true },
})
