import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import type { Household } from '@contract/places'
import { callPhone } from '../api/households'

/** A household's place, head, size and phone (with 拨打). */
export function HouseholdDetail({ household: h }: { household: Household }) {
  return (
    <CellGroup title='家庭信息'>
      <Cell title='所在村' extra={`${h.village.name} · ${h.group.name}`} />
      <Cell title='网格' extra={h.grid.name} />
      <Cell title='户主' extra={h.headName} />
      <Cell title='门牌号' extra={h.houseNo} />
      <Cell title='家庭人口' extra={`${h.size} 人`} />
      <Cell
        title='联系电话'
        description={h.phone ?? '未登记'}
        extra={
          h.phone ? (
            <Button type='primary' fill='outline' onClick={() => callPhone(h.phone ?? '')}>
              拨打
            </Button>
          ) : undefined
        }
      />
    </CellGroup>
  )
}
