import { Button, Tag } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityDetail } from '@contract/activities'
import { activityStateLabels } from '@contract/activities.labels'
import { askWeChat } from '@/features/campaigns/components/subscribe-button'
import { useTask } from '@/lib/use-task'
import { cancelSignup, signUp } from '../api'
import { hoursText, scopeText, stateTag, whenText } from '../labels'
import { dateTime } from '@/lib/dayjs'
import './activities.scss'

/** Where I stand on the activity, in words. */
function myPlace(a: ActivityDetail): string | null {
  const me = a.me
  if (me.status === 'signed') {
    if (me.hours !== null) return `已记志愿时长 ${hoursText(me.hours)}`
    return me.checkedIn
      ? '已签到'
      : '您已报名，请按时参加；到场后请出示「我的志愿」里的志愿码签到。'
  }
  if (me.status === 'waiting')
    return `您在候补名单第 ${me.waitingPosition ?? 1} 位，有人取消时按顺序递补，递补后会通知您。`
  if (me.status === 'cancelled') return '您已取消报名。'
  return null
}

interface Props {
  activity: ActivityDetail
  onChanged: (next: ActivityDetail) => void
}

/** One activity: what, when, where, places, pictures; sign up or cancel; staff manage it. */
export function ActivityView({ activity: a, onChanged }: Props) {
  const task = useTask()
  const act = (key: string, run: () => Promise<ActivityDetail>, done: string) =>
    void task.run(key, async () => onChanged(await run()), done)
  const place = myPlace(a)
  const full = a.signedCount >= a.capacity
  return (
    <View className='activity-card'>
      <View className='activity-card__head'>
        <Tag type={stateTag[a.state]}>{activityStateLabels[a.state]}</Tag>
        <Tag type='default' plain>
          {a.typeLabel}
        </Tag>
      </View>
      <View className='activity-card__title'>{a.title}</View>
      <View className='activity-card__line'>时间：{whenText(a)}</View>
      <View className='activity-card__line'>地点：{a.place}</View>
      <View className='activity-card__line'>
        组织：{a.station}（{scopeText(a)}）
      </View>
      <View className='activity-card__line'>
        名额：{a.capacity} 人，已报名 {a.signedCount} 人
        {a.waitingCount > 0 ? `，候补 ${a.waitingCount} 人` : ''}
      </View>
      <View className='activity-card__meta'>
        报名截止：{dateTime(a.signupDeadline)} · 参加可记志愿时长 {hoursText(a.hours)}
      </View>
      {a.cancelReason && <View className='activity-card__line'>活动已取消：{a.cancelReason}</View>}
      <View className='activity-card__text'>{a.description}</View>
      {a.pictures.length > 0 && (
        <View className='activity-card__pictures'>
          {a.pictures.map((url) => (
            <Image
              key={url}
              className='activity-card__picture'
              src={url}
              mode='aspectFill'
              onClick={() => void Taro.previewImage({ current: url, urls: a.pictures })}
            />
          ))}
        </View>
      )}
      {place && <View className='activity-card__line'>{place}</View>}
      {!a.me.canSignUp && a.me.signUpBlockedReason && a.state !== 'ended' && (
        <View className='activity-card__meta'>{a.me.signUpBlockedReason}</View>
      )}
      <View className='activity-card__actions'>
        {a.me.canSignUp && (
          <Button
            type='primary'
            block
            loading={task.busy === 'sign'}
            onClick={() =>
              act(
                'sign',
                async () => {
                  // WeChat's own dialog (from this tap): the reminder the day before, a place freed.
                  await askWeChat()
                  return signUp(a.id)
                },
                full ? '已加入候补' : '报名成功',
              )
            }
          >
            {full ? '报满了，加入候补' : '我要报名'}
          </Button>
        )}
        {a.me.canCancel && (
          <Button
            block
            loading={task.busy === 'cancel'}
            onClick={() => act('cancel', () => cancelSignup(a.id), '已取消报名')}
          >
            取消报名
          </Button>
        )}
        {a.canManage && (
          <Button
            fill='outline'
            block
            onClick={() =>
              void Taro.navigateTo({
                url: `/packages/staff/pages/activity-admin/index?id=${encodeURIComponent(a.id)}`,
              })
            }
          >
            <Text>管理：签到、时长、取消</Text>
          </Button>
        )}
      </View>
    </View>
  )
}
