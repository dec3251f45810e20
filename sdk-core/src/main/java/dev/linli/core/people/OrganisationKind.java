package dev.linli.core.people;

/**
 * What kind of body an {@link Organisation} is.
 *
 * @since 0.1.0
 */
public enum OrganisationKind {
  /** A social organisation (社会组织), such as one incubated by a hub. */
  SOCIAL_ORGANISATION,
  /** An incubation hub for social organisations, such as 凯益荟. */
  HUB,
  /** A partner unit (共建单位): a firm, school or department that serves the community, such as a member of 凯联盟. */
  PARTNER_UNIT,
  /** An alliance of communities or units, such as 幸福杭州社区联盟 or 幸福红盟. */
  ALLIANCE,
  /** A government department or residents' committee. */
  GOVERNMENT
}
