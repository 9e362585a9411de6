// ─── HouseholdHours: 志愿服务时长 of a household (issue 17, point 2) ─────────────────────────
// PLACEHOLDER. The volunteer-hours read is built in the `volunteer` branch; the lead wires it
// here at merge. Until then this section renders nothing, so 我的家庭 shows no empty card.

/** A household's volunteer hours on 我的家庭 (renders nothing until point 2 is merged). */
export function HouseholdHours(_props: { householdId: string }) {
  return null
}
