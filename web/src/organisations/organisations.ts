export const ORGANISATION_KINDS = ['company', 'government_body', 'agency', 'university', 'ngo', 'association', 'other'] as const;
