import { reactive } from 'vue'
import { api } from './api.js'

// The logged-in user, shared by the shell and the pages.
export const session = reactive({ user: null })
export async function loadUser() {
  session.user = await api('GET', '/api/v1/auth/me')
  return session.user
}
