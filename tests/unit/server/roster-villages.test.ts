import { describe, expect, it } from 'vitest'
import {
  confirmationProblem,
  namesNotInTown,
  nearestName,
  unknownVillageMessage,
} from '../../../server/people/roster-villages.rules'

describe('roster villages', () => {
  const town = ['柳家村', '石坪村', '东山村', '杨家湾村']

  it('nearestName: one edit in a three-character name is a slip', () => {
    expect(nearestName('柳家庄', town)).toBe('柳家村')
    expect(nearestName('石平村', town)).toBe('石坪村')
    expect(nearestName('柳村', town)).toBe('柳家村')
  })

  it('nearestName: two edits in three characters is another name', () => {
    expect(nearestName('大王庄', town)).toBeNull()
    expect(nearestName('柳树庄', town)).toBeNull()
  })

  it('nearestName: longer names allow more edits (one per three characters)', () => {
    expect(nearestName('杨家湾庄', town)).toBe('杨家湾村')
    expect(nearestName('杨树湾庄', town)).toBeNull()
    expect(nearestName('杨家湾新村', ['杨家湾村'])).toBe('杨家湾村')
  })

  it('nearestName: the closest wins, then the first listed', () => {
    expect(nearestName('东山屯', ['东山村', '东山屯村'])).toBe('东山村')
    expect(nearestName('甲村', ['乙村', '丙村'])).toBe('乙村')
    expect(nearestName('甲村', [])).toBeNull()
    // Six characters allow two edits: one edit away beats two edits away, listed first or not.
    expect(nearestName('柳家湾新村一组', ['柳家湾老村一队', '柳家湾新村一队'])).toBe(
      '柳家湾新村一队',
    )
  })

  it('the message names the file’s village and the suggestion', () => {
    expect(unknownVillageMessage('柳家庄', '柳家村')).toBe('本镇没有“柳家庄”，是不是“柳家村”？')
    expect(unknownVillageMessage('大王庄', null)).toContain('确认新建“大王庄”')
  })

  it('namesNotInTown: in file order, once each, empty names left out', () => {
    const rows = ['丙村', '柳家村', '', '丁村', '丙村'].map((village) => ({ village }))
    expect(namesNotInTown(rows, town)).toEqual(['丙村', '丁村'])
    expect(namesNotInTown([{ village: '柳家村' }], town)).toEqual([])
  })

  it('confirmationProblem: only names the file would create may be confirmed', () => {
    expect(confirmationProblem([], [])).toBeNull()
    expect(confirmationProblem(['丙村'], ['丙村', '丁村'])).toBeNull()
    expect(confirmationProblem(['丙村', '丙村'], ['丙村'])).toBeNull()
    expect(confirmationProblem(['柳家村'], ['丙村'])).toBe(
      '确认新建的村“柳家村”不在本次文件要新建的村中，请重新检查文件后再确认',
    )
    expect(confirmationProblem(['丙村', '戊村'], [])).toContain('“丙村”、“戊村”')
  })
})
