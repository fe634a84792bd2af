// The campaign a page works on (task book, schedule, daily report): the
// list the user may see, the one picked and its phase.
import { computed, ref } from 'vue'
import { api } from './api.js'

export function useCampaignPick() {
  const campaigns = ref([])
  const campaignId = ref(null)
  const phaseNumber = ref(1)
  const loaded = ref(false)
  const campaign = computed(() => campaigns.value.find((c) => c.id === campaignId.value))

  // Loads the list and picks the first campaign and its first phase, then
  // runs `then`; a failure goes to `fail`. `loaded` says the list is in.
  async function pickFirst(then, fail) {
    try {
      campaigns.value = (await api('GET', '/api/v1/campaigns')).items
      if (campaigns.value.length) {
        campaignId.value = campaigns.value[0].id
        phaseNumber.value = campaigns.value[0].phases[0].number
        await then()
      }
    } catch (e) {
      fail(e)
    } finally {
      loaded.value = true
    }
  }

  return { campaigns, campaignId, phaseNumber, campaign, loaded, pickFirst }
}
