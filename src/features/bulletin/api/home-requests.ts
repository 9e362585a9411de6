// 首页's first three requests, asked for before the page's code has arrived (home-prefetch.ts;
// in H5 by index.html's inline script, whose copy config/h5-early-requests.ts keeps and a unit
// test keeps equal to this one).

/** The inputs 首页 asks with first: the same as its hooks', so the answers are theirs. */
export const homeFeedInput = { pinned: false, limit: 10 } as const
export const homePinnedInput = { pinned: true, limit: 5 } as const

export const homeRequests = {
  columns: { action: 'columns.list', input: {} },
  feed: { action: 'notices.list', input: homeFeedInput },
  pinned: { action: 'notices.list', input: homePinnedInput },
} as const
