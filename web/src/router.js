import { createRouter, createWebHashHistory } from 'vue-router'
import { hasSession } from './api.js'
import Login from './views/Login.vue'

// Each page is its own chunk, loaded when first opened: the login page
// carries no page but itself, and ECharts comes only with the pages that chart.
const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', component: Login },
    { path: '/', redirect: '/progress' },
    { path: '/regions/:code?', component: () => import('./views/Regions.vue') },
    { path: '/progress', component: () => import('./views/Progress.vue') },
    { path: '/task-book', component: () => import('./views/TaskBook.vue') },
    { path: '/daily-report', component: () => import('./views/DailyReport.vue') },
    { path: '/schedule', component: () => import('./views/Schedule.vue') },
    { path: '/campaigns', component: () => import('./views/Campaigns.vue') },
    { path: '/quarantine', component: () => import('./views/Quarantine.vue') },
    { path: '/risk-areas', component: () => import('./views/RiskAreas.vue') },
    { path: '/measures', component: () => import('./views/Measures.vue') },
    { path: '/arrivals', component: () => import('./views/Arrivals.vue') },
    { path: '/tracing', component: () => import('./views/Tracing.vue') },
    { path: '/zones', component: () => import('./views/Zones.vue') },
    { path: '/self-report', component: () => import('./views/SelfReport.vue') },
    { path: '/persons', component: () => import('./views/Persons.vue') },
    { path: '/persons/:id', component: () => import('./views/PersonPage.vue') },
    { path: '/persons/:id/certificate', component: () => import('./views/Certificate.vue') },
    { path: '/imports', component: () => import('./views/Imports.vue') },
    { path: '/transfers', component: () => import('./views/Transfers.vue') },
    { path: '/organisations', component: () => import('./views/Organisations.vue') },
    { path: '/console', component: () => import('./views/Console.vue') },
    { path: '/appointments', component: () => import('./views/Appointments.vue') },
    { path: '/mobilisation', component: () => import('./views/Mobilisation.vue') },
    { path: '/safety', component: () => import('./views/Safety.vue') },
    { path: '/cold-chain', component: () => import('./views/ColdChain.vue') },
    { path: '/stock', component: () => import('./views/Stock.vue') },
    { path: '/users', component: () => import('./views/Users.vue') },
    { path: '/audit', component: () => import('./views/Audit.vue') },
  ],
})
// The login page and residents' own reports need no session.
export const publicPaths = ['/login', '/self-report']
router.beforeEach((to) => (!publicPaths.includes(to.path) && !hasSession() ? '/login' : true))
export default router
