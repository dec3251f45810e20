package dev.linli.points;

/**
 * What an account stands for in a community time bank.
 *
 * @since 0.1.0
 */
public enum AccountKind {
  /** A resident or volunteer: earns and spends; no overdraft unless configured. */
  MEMBER,
  /** The community's pool (社区积分池) that pays for activities and wishes. */
  COMMUNITY_POOL,
  /** A pool that donors (firms, partner units) fund. */
  DONATION_POOL,
  /** A merchant or service provider that accepts points (a canteen, a barber). */
  MERCHANT,
  /** Where points come from: issuing debits it, so its balance goes negative by what is in circulation. */
  ISSUER,
  /** Where expired points go. */
  EXPIRY_SINK,
  /**
   * The clearing account a community keeps for an alliance partner (联盟社区): what its members sent
   * to, or received from, the other community's members.
   */
  ALLIANCE
}
