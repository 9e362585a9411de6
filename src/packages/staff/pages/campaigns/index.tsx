import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CampaignPicker } from '@/features/staff/components/campaign-picker'
import { staffPageUrl } from '@/features/staff/components/labels'
import { StaffPage } from '@/features/staff/components/staff-page'

const go = (page: string, query?: Record<string, string>) =>
  void Taro.navigateTo({ url: staffPageUrl(page, query) })

/** 评选管理 (admins): every campaign, and 新建评选. */
export default function CampaignsAdminPage() {
  return (
    <StaffPage>
      <View className='staff-card'>
        <Button type='primary' block onClick={() => go('campaign-edit')}>
          新建评选
        </Button>
      </View>
      <CampaignPicker
        emptyText='还没有评选活动'
        onPick={(c) => go('campaign-admin', { id: c.id })}
      />
    </StaffPage>
  )
}
