import type { EntityManager } from 'typeorm';
import { Organisation, type OrganisationKind } from '../organisations/organisation.entity.js';
import { foldText } from './import-columns.js';
import { cells, type OrganisationBook, Planned, type RowOutcome } from './import-plan.js';

export interface OrganisationCells {
  company?: string;
  enterpriseNumber?: string;
  kind?: string;
  country?: string;
  city?: string;
  website?: string;
  sectors?: string;
}

/**
 * The organisation a row names: found by enterprise number, else by name and country
 * (accents and case ignored), else created. The cells the row fills overwrite what is
 * stored; empty cells leave it. `sectors` are the organisation's own only when `withSectors`.
 */
export function organisationOfRow(
  book: OrganisationBook,
  manager: EntityManager,
  row: RowOutcome,
  values: OrganisationCells,
  {
    defaultCountry,
    defaultKind,
    withSectors,
    columns = { company: 'company', country: 'country' },
  }: { defaultCountry?: string; defaultKind: OrganisationKind; withSectors: boolean; columns?: { company: string; country: string } },
): Planned<Organisation> | undefined {
  const name = cells.text(row, columns.company, values.company, 300);
  const enterpriseNumber = cells.enterpriseNumber(row, 'enterpriseNumber', values.enterpriseNumber);
  const country = cells.country(row, columns.country, values.country) ?? (values.country === undefined ? defaultCountry : undefined);
  const kind = cells.organisationKind(row, 'kind', values.kind);
  const city = cells.text(row, 'city', values.city, 200);
  const website = cells.website(row, 'website', values.website);
  const sectors = withSectors ? cells.list(values.sectors) : undefined;
  if (values.company === undefined) row.fail(columns.company, 'the name of the organisation is required');
  if (values.country === undefined && !defaultCountry) row.fail(columns.country, 'the country is required');
  if (row.errors.length > 0 || !name || !country) return undefined;

  const found = book.find(name, country, enterpriseNumber);
  if (!found) {
    const organisation = manager.create(Organisation, {
      name,
      country,
      kind: kind ?? defaultKind,
      enterpriseNumber: enterpriseNumber ?? null,
      city: city ?? null,
      website: website ?? null,
      sectors: sectors ?? [],
    });
    const planned = new Planned(organisation, true, 'organisation');
    book.add(planned);
    row.found(planned, true);
    return planned;
  }
  row.found(found, false);
  // Matched by name, the stored spelling (accents and all) stays; matched by number, the file renames.
  if (foldText(found.entity.name) !== foldText(name)) found.set('name', name, row);
  found.set('country', country, row);
  if (enterpriseNumber !== undefined) found.set('enterpriseNumber', enterpriseNumber, row);
  if (kind !== undefined) found.set('kind', kind, row);
  if (city !== undefined) found.set('city', city, row);
  if (website !== undefined) found.set('website', website, row);
  if (sectors !== undefined) found.set('sectors', sectors, row);
  book.remember(found);
  return found;
}
