import { ScrollView, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'

interface Props<T> {
  items: T[]
  /** Every row is drawn this tall (px), so that the rows in view can be computed. */
  rowHeight: number
  /** The scrolling box's height (px). */
  height: number
  keyOf: (item: T) => string
  children: (item: T) => ReactNode
  /** The end of the list came into view (load the next page). */
  onEnd?: () => void
  footer?: ReactNode
}

/** Rows drawn beyond the visible ones, above and below, so a fast flick shows no gap. */
const OVERSCAN = 8

/**
 * A long list in a scrolling box that draws only the rows in view (a township list holds
 * thousands of households; a cheap phone slows down with that many nodes). The rows are of
 * one height, so the ones in view follow from the scroll position alone.
 */
export function WindowedList<T>(props: Props<T>) {
  const { items, rowHeight, height, keyOf, children, onEnd, footer } = props
  const [top, setTop] = useState(0)
  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN)
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + OVERSCAN)
  return (
    <ScrollView
      scrollY
      className='windowed-list'
      style={{ height: `${height}px` }}
      lowerThreshold={rowHeight * 4}
      onScroll={(e) => setTop(e.detail.scrollTop)}
      onScrollToLower={onEnd}
    >
      <View style={{ height: `${first * rowHeight}px` }} />
      {items.slice(first, last).map((item) => (
        <View key={keyOf(item)} style={{ height: `${rowHeight}px`, overflow: 'hidden' }}>
          {children(item)}
        </View>
      ))}
      <View style={{ height: `${(items.length - last) * rowHeight}px` }} />
      {footer}
    </ScrollView>
  )
}
