import { createRouter, createWebHashHistory } from 'vue-router'
import { hasSession } from './api.js'
import Login from './views/Login.vue'
import Regions from './views/Regions.vue'
import Persons from './views/Persons.vue'
import PersonPage from './views/PersonPage.vue'
import Imports from './views/Imports.vue'
import Users from './views/Users.vue'
import Audit from './views/Audit.vue'
import Organisations from './views/Organisations.vue'
import Console from './views/Console.vue'
import Appointments from './views/Appointments.vue'
import Certificate from './views/Certificate.vue'
import Mobilisation from './views/Mobilisation.vue'
import Safety from './views/Safety.vue'
import ColdChain from './views/ColdChain.vue'
import Stock from './views/Stock.vue'
import Transfers from './views/Transfers.vue'

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', component: Login },
    { path: '/', redirect: '/regions' },
    { path: '/regions/:code?', component: Regions },
    { path: '/persons', component: Persons },
    { path: '/persons/:id', component: PersonPage },
    { path: '/persons/:id/certificate', component: Certificate },
    { path: '/imports', component: Imports },
    { path: '/transfers', component: Transfers },
    { path: '/organisations', component: Organisations },
    { path: '/console', component: Console },
    { path: '/appointments', component: Appointments },
    { path: '/mobilisation', component: Mobilisation },
    { path: '/safety', component: Safety },
    { path: '/cold-chain', component: ColdChain },
    { path: '/stock', component: Stock },
    { path: '/users', component: Users },
    { path: '/audit', component: Audit },
  ],
})
router.beforeEach((to) => (to.path !== '/login' && !hasSession() ? '/login' : true))
export default router
