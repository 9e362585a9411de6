// The multipart/form-data body the SDK sends for wx.openApi (built by the form-data package):
// fields by name, as bytes, since `requestData` is binary protobuf that a text decoder would
// corrupt (undici's Response.formData() decodes every non-file field as UTF-8).
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2]
  if (!boundary) throw new Error('multipart body without a boundary')
  const delimiter = Buffer.from(`--${boundary}`)
  const fields = new Map<string, Buffer>()
  let at = body.indexOf(delimiter)
  while (at !== -1) {
    const start = at + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    const next = body.indexOf(delimiter, start)
    if (next === -1) break
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF, then the next delimiter.
    const part = body.subarray(start + 2, next - 2)
    const split = part.indexOf('\r\n\r\n')
    const headers = part.subarray(0, split).toString('utf8')
    const name = /name="([^"]*)"/.exec(headers)?.[1]
    if (name !== undefined) fields.set(name, part.subarray(split + 4))
    at = next
  }
  return fields
}
