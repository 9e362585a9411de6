import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useTask } from '@/lib/use-task'
import { reissuePlate } from '../api'

/** 户码 on a household's staff page: print the group's plates, or reissue a lost one. */
export function DoorplateCard({ householdId, groupId }: { householdId: string; groupId: string }) {
  const task = useTask()
  const reissue = async () => {
    const { confirm } = await Taro.showModal({
      title: '换发户码',
      content: '换发后，旧门牌上的户码立即作废，需要贴上新打印的门牌。确定换发吗？',
    })
    if (confirm) await task.run('reissue', () => reissuePlate(householdId), '已换发')
  }
  return (
    <View className='staff-card'>
      <View className='staff-card__title'>户码（门牌）</View>
      <View className='staff-card__meta'>
        每户门口贴一张户码，扫码即可入户检查、查看本户信息。门牌丢了或被撕掉时换发。
      </View>
      <View className='staff-actions'>
        <Button
          type='primary'
          block
          onClick={() =>
            void Taro.navigateTo({
              url: `/packages/staff/pages/doorplates/index?groupId=${groupId}`,
            })
          }
        >
          打印本组户码
        </Button>
        <Button
          type='primary'
          fill='outline'
          block
          loading={task.busy === 'reissue'}
          onClick={() => void reissue()}
        >
          换发户码
        </Button>
      </View>
    </View>
  )
}
