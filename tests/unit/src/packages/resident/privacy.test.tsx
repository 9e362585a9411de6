import { render, screen } from '@testing-library/react'
import PrivacyPage from '@/packages/resident/pages/privacy/index'

describe('隐私保护指引', () => {
  it('隐私保护指引 says what is collected, who sees it, and how to unbind, with its date', () => {
    render(<PrivacyPage />)

    expect(screen.getByText('和美村宣隐私保护指引')).toBeInTheDocument()
    expect(screen.getByText('更新日期：2026年12月4日')).toBeInTheDocument()
    for (const heading of [
      '一、我们收集哪些信息',
      '二、为什么要这些信息',
      '三、哪些信息公开，哪些从不公开',
      '四、信息保存多久',
      '五、怎样解除绑定或删除信息',
      '六、联系我们',
    ]) {
      expect(screen.getByText(heading)).toBeInTheDocument()
    }
    expect(screen.getByText(/^联系电话：只有镇管理员和负责您家的网格员能看到/)).toBeInTheDocument()
    expect(screen.getByText(/^黑榜：只在您家所在的村里公示.*名字一律打码显示/)).toBeInTheDocument()
    expect(screen.getByText(/^红榜：您家同意后才显示户主全名/)).toBeInTheDocument()
    expect(screen.getByText(/^黑榜上每一户只有一个临时编号/)).toBeInTheDocument()
    expect(
      screen.getByText(
        '从不公开：联系电话、门牌号、入户检查拍的照片和备注、您的申诉内容、您投了谁的票。',
      ),
    ).toBeInTheDocument()
    expect(screen.getByText(/至少输入两个字，每次最多显示 20 户/)).toBeInTheDocument()
    expect(screen.getByText(/^退出登录：/)).toBeInTheDocument()
  })
})
