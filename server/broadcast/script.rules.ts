// 广播稿: a notice body (the sanitized HTML notices store) turned into a script for reading
// aloud over the village loudspeaker. Headings and lists become spoken sentences, numbers are
// written as read (spoken-numbers.rules.ts), links and pictures with their captions are left
// out. The HTML is read by htmlparser2, never by regexes.
import { Parser } from 'htmlparser2'
import { speakNumbers } from './spoken-numbers.rules'

/** Reading speed of a loudspeaker announcement. */
export const CHARS_PER_MINUTE = 220

/** One block of the notice as read: a heading, a paragraph, or a list's item. */
interface Block {
  kind: 'heading' | 'paragraph' | 'ordered' | 'bullet'
  text: string
}

const ORDINALS = '一二三四五六七八九十'
const ordinal = (i: number) => (i < 10 ? ORDINALS[i] : String(i + 1))

/** A caption: 图为…, （图：…）, 图1 … — said of a picture nobody listening can see. */
const caption = /^[（(]?\s*(?:图\s*\d*\s*[为：:]|图\d|上图|下图|照片[：:]|摄影[：:]|摄[：:])/

/** The notice's blocks in order, with links, pictures and their captions left out. */
function blocksOf(html: string): Block[] {
  const blocks: Block[] = []
  const lists: ('ordered' | 'bullet')[] = []
  let current: Block | null = null
  let inLink = 0
  let afterImage = false
  const open = (kind: Block['kind']) => {
    close()
    current = { kind, text: '' }
  }
  const close = () => {
    const block = current as Block | null
    current = null
    if (!block) return
    const text = block.text.replace(/\s+/g, ' ').trim()
    if (!text || caption.test(text)) return
    blocks.push({ ...block, text })
  }
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'a') inLink++
        else if (name === 'img') afterImage = true
        else if (name === 'ol' || name === 'ul') {
          close()
          lists.push(name === 'ol' ? 'ordered' : 'bullet')
        } else if (name === 'li') open(lists[lists.length - 1] ?? 'bullet')
        else if (name === 'h2' || name === 'h3') open('heading')
        else if (name === 'p') open('paragraph')
        else if (name === 'br' && current) current.text += ' '
        else if (name === 'em' && afterImage && current && !current.text.trim()) {
          // An emphasised line right after a picture is its caption.
          current.text = '图：'
        }
      },
      ontext(text) {
        if (inLink > 0) return
        if (text.trim()) afterImage = false
        if (!current) current = { kind: 'paragraph', text: '' }
        current.text += text
      },
      onclosetag(name) {
        if (name === 'a') inLink = Math.max(0, inLink - 1)
        else if (name === 'ol' || name === 'ul') {
          close()
          lists.pop()
        } else if (['li', 'h2', 'h3', 'p'].includes(name)) close()
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  )
  parser.write(html)
  parser.end()
  close()
  return blocks
}

/** Ends a sentence once: a block's text with a full stop unless it has its own. */
const sentence = (text: string) => (/[。！？!?；;：:]$/.test(text) ? text : `${text}。`)

/** Plain words as read: no spaces left from the markup, no addresses, numbers spoken. */
function spoken(text: string): string {
  return speakNumbers(
    text
      .replace(/\u00a0/g, ' ')
      .replace(/(?:https?:\/\/|www\.)[^\s\u4e00-\u9fff，。；！？、]*/gi, '')
      .replace(/[<>]/g, ''),
  )
    .replace(/\s*([，。；！？、：“”（）])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The script of a notice: its title, then each block as spoken sentences, one per line. */
export function scriptOf(title: string, html: string): string {
  const lines = [sentence(spoken(`${title}`))]
  let index = 0
  let previous: Block['kind'] | null = null
  for (const block of blocksOf(html)) {
    if (block.kind !== previous) index = 0
    previous = block.kind
    const text = spoken(block.text).replace(/[。；;，,、]+$/, '')
    if (!text) continue
    if (block.kind === 'heading') lines.push(sentence(`下面说${text}`))
    else if (block.kind === 'ordered') lines.push(sentence(`第${ordinal(index++)}，${text}`))
    else if (block.kind === 'bullet') lines.push(sentence(`${ordinal(index++)}是${text}`))
    else lines.push(sentence(text))
  }
  return lines.join('\n')
}

/** Characters read aloud: everything but whitespace and punctuation. */
export function spokenLength(script: string): number {
  return Array.from(script.replace(/[\s\p{P}\p{S}]/gu, '')).length
}

/** How long reading the script takes at about 220 字 a minute, in whole seconds (at least 1). */
export function readingSeconds(script: string): number {
  return Math.max(1, Math.ceil((spokenLength(script) / CHARS_PER_MINUTE) * 60))
}
