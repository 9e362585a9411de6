import { useState } from 'react'
import type { Rubric } from '@contract/board'
import { errorMessage, fieldErrors } from '@/lib/api-client'
import { saveRubric } from '../api/board'

/** A criterion row as typed (numbers stay text until saved). */
export interface CriterionRow {
  key: string
  category: string
  name: string
  maxPoints: string
  deductionPerItem: string
  hint: string
}

const starter: [string, string, number][] = [
  ['庭院', '庭院整洁', 25],
  ['垃圾', '垃圾分类', 20],
  ['厕所', '厕所卫生', 15],
  ['畜禽', '畜禽圈养', 15],
  ['柴草', '柴草堆放', 15],
  ['门前', '门前三包', 10],
]

let rowCount = 0
const rowKey = () => `row-${++rowCount}`

function rowsOf(rubric: Rubric | null): CriterionRow[] {
  if (!rubric) {
    return starter.map(([category, name, max]) => ({
      key: rowKey(),
      category,
      name,
      maxPoints: String(max),
      deductionPerItem: '0',
      hint: '',
    }))
  }
  return rubric.criteria.map((c) => ({
    key: rowKey(),
    category: c.category,
    name: c.name,
    maxPoints: String(c.maxPoints),
    deductionPerItem: String(c.deductionPerItem),
    hint: c.hint,
  }))
}

/** Text to a number for the server to check ('' and junk become NaN → its own message). */
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

/** The rubric editor: rows of criteria; saving makes a new version, the server checks the 100. */
export function useRubricForm(current: Rubric | null, onSaved: (rubric: Rubric) => void) {
  const [name, setName] = useState(current?.name ?? '人居环境检查评分标准')
  const [rows, setRows] = useState(() => rowsOf(current))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)

  const total = rows.reduce((sum, r) => sum + (Number(r.maxPoints) || 0), 0)
  const change = (key: string, patch: Partial<CriterionRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  const add = () =>
    setRows((all) => [
      ...all,
      { key: rowKey(), category: '', name: '', maxPoints: '', deductionPerItem: '0', hint: '' },
    ])
  const remove = (key: string) => setRows((all) => all.filter((r) => r.key !== key))

  const save = async () => {
    if (saving) return
    setSaving(true)
    setErrors({})
    try {
      const saved = await saveRubric({
        name,
        criteria: rows.map((r) => ({
          category: r.category,
          name: r.name,
          maxPoints: num(r.maxPoints),
          deductionPerItem: num(r.deductionPerItem || '0'),
          hint: r.hint,
        })),
      })
      onSaved(saved)
    } catch (error) {
      // criteria.2.maxPoints → the row's key and field; 'criteria' itself → the total.
      const found: Record<string, string | undefined> = fieldErrors(error, (path): string => {
        const m = /^criteria\.(\d+)\.(\w+)/.exec(path)
        const row = m ? rows[Number(m[1])] : undefined
        if (row && m) return `${row.key}.${m[2]}`
        if (path.startsWith('criteria')) return 'total'
        return path === 'name' ? 'name' : 'form'
      })
      const shown = Object.fromEntries(
        Object.entries(found).filter((e): e is [string, string] => e[1] !== undefined),
      )
      setErrors(Object.keys(shown).length > 0 ? shown : { form: errorMessage(error) })
    } finally {
      setSaving(false)
    }
  }

  return { name, setName, rows, total, errors, saving, change, add, remove, save }
}

export type RubricForm = ReturnType<typeof useRubricForm>
