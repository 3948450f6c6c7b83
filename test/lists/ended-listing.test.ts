import { describe, expect, it } from 'vitest';
import { readHoldingsBytes } from '../../src/ingest/read.js';
import { importCsl } from '../../src/lists/csl.js';
import { screen } from '../../src/screen.js';

const HEADER =
  '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';
const row = (name: string, end: string): string =>
  `"x${name.length}","Entity List (EL) - Bureau of Industry and Security","","","","${name}","","Some Road, Beijing, CN","84 FR 54002","2019-10-09","${end}","","","","","","","","","","","","","","","","","",""`;

function imported(endDate: string) {
  const text = [HEADER, row('EXAMPLE SURVEILLANCE TECHNOLOGY CO., LTD.', endDate)].join('\n');
  const result = importCsl({ file: 'csl.csv', text, sha256: '0'.repeat(64) }, { importedOn: '2026-11-26' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.dataset;
}

function screenName(endDate: string) {
  const holdings = readHoldingsBytes('p.csv', new TextEncoder().encode('Name,Market Value\nEXAMPLE SURVEILLANCE TECHNOLOGY CO LTD,100\n'));
  return screen([holdings], imported(endDate), { today: '2026-11-26' });
}

describe('a listing that has ended (the CSL end_date)', () => {
  it('keeps its end date on the listing', () => {
    expect(imported('2024-01-31').entities[0]?.listings[0]).toMatchObject({
      list: 'us-entity-list',
      date: '2019-10-09',
      ended: '2024-01-31',
    });
  });

  it('makes a finding a review, marked, when every listing ended before the as-of date', () => {
    const finding = screenName('2024-01-31').findings[0];
    expect(finding).toMatchObject({ status: 'review', listingEnded: true });
  });

  it('leaves a finding flagged while the listing is in force', () => {
    const finding = screenName('').findings[0];
    expect(finding?.status).toBe('flagged');
    expect(finding?.listingEnded).toBeUndefined();
  });
});
