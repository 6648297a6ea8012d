/** Where the distribution of a proposta di regolamento came from (copayment_proposal.distribution_source, checked in SQL). */
export const DISTRIBUTION_SOURCES = ["importata", "inserita"] as const;
export type DistributionSource = (typeof DISTRIBUTION_SOURCES)[number];
