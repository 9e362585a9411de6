import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { CampaignDetail } from '@contract/campaigns'
import { fieldErrors, showError } from '@/lib/api-client'
import { saveCampaign } from '../api/campaigns'
import {
  campaignFieldOf,
  draftFromCampaign,
  emptyCampaignDraft,
  toSaveInput,
  type CampaignDraft,
  type CampaignErrors,
  type CampaignField,
} from '../campaign-form'
import { staffPageUrl } from '../components/labels'

/** 新建评选 / 编辑评选: the draft, its checks and saving; then on to the campaign's admin page. */
export function useCampaignForm(campaign: CampaignDetail | null) {
  const [draft, setDraft] = useState<CampaignDraft>(() =>
    campaign ? draftFromCampaign(campaign) : emptyCampaignDraft(Date.now()),
  )
  const [errors, setErrors] = useState<CampaignErrors>({})
  const [saving, setSaving] = useState(false)

  const change = (patch: Partial<CampaignDraft>, field?: CampaignField) => {
    setDraft((d) => ({ ...d, ...patch }))
    if (field) setErrors((e) => ({ ...e, [field]: undefined }))
  }

  const submit = async () => {
    if (saving) return
    const { input, errors: found } = toSaveInput(draft, campaign?.id)
    setErrors(found)
    if (!input) {
      void Taro.showToast({ title: '请按红字提示修改后再保存', icon: 'none', duration: 2000 })
      return
    }
    setSaving(true)
    try {
      const saved = await saveCampaign(input)
      void Taro.showToast({ title: '已保存', icon: 'success', duration: 1500 })
      void Taro.redirectTo({ url: staffPageUrl('campaign-admin', { id: saved.id }) })
    } catch (error) {
      setErrors(fieldErrors(error, campaignFieldOf))
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  return { draft, errors, saving, change, submit }
}

export type CampaignFormState = ReturnType<typeof useCampaignForm>
