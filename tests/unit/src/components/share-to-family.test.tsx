import { isValidElement, type ReactElement } from 'react'
import { ShareToFamily } from '@/components/share-to-family'

type Props = { openType?: string; onClick?: unknown; children?: unknown }

/** The button element the component returns (it uses no hooks, so it can be called). */
function buttonOf(): ReactElement<Props> {
  const wrapper = ShareToFamily({ title: '通知' })
  const button = (wrapper.props as { children: unknown }).children
  if (!isValidElement<Props>(button)) throw new Error('no button inside')
  return button
}

describe('转发给家人', () => {
  it('is WeChat’s share button in the mini-program (the page’s onShareAppMessage says what)', () => {
    const env = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      const button = buttonOf()
      expect(button.props.openType).toBe('share')
      expect(button.props.children).toBe('转发给家人')
      expect(button.props.onClick).toBeUndefined()
    } finally {
      process.env.TARO_ENV = env
    }
  })

  it('in H5 is a plain button that shares the link itself', () => {
    const button = buttonOf()
    expect(button.props.openType).toBeUndefined()
    expect(button.props.children).toBe('转发给家人')
    expect(typeof button.props.onClick).toBe('function')
  })
})
