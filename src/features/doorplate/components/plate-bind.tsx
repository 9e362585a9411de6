import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { useTask } from '@/lib/use-task'
import { askToBindByPlate } from '../api'
import './door.scss'

/** 绑定 from the plate: the household is already filled in; the grid worker still approves. */
export function PlateBind({ code }: { code: string }) {
  const [relation, setRelation] = useState<'head' | 'member'>('member')
  const [sent, setSent] = useState(false)
  const task = useTask()
  const ask = () =>
    task.run('bind', async () => {
      await askToBindByPlate(code, relation)
      setSent(true)
    })
  return (
    <View className='plate-bind'>
      <View className='plate-bind__title'>这是我家？申请绑定</View>
      {sent ? (
        <View className='plate-bind__done' role='status'>
          已提交，等网格员审核通过后即可使用。
        </View>
      ) : (
        <>
          <View className='plate-bind__meta'>
            户已按门牌填好。提交后由网格员核实，通过后就能参加评选、查看本户得分。
          </View>
          <View className='plate-bind__choices' aria-label='您与户主的关系'>
            {(['head', 'member'] as const).map((value) => (
              <Button
                key={value}
                type='primary'
                fill={relation === value ? 'solid' : 'outline'}
                onClick={() => setRelation(value)}
              >
                {value === 'head' ? '我是户主' : '家庭成员'}
              </Button>
            ))}
          </View>
          <Button
            type='primary'
            size='large'
            block
            loading={task.busy === 'bind'}
            onClick={() => void ask()}
          >
            申请绑定这一户
          </Button>
        </>
      )}
    </View>
  )
}
