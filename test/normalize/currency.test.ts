import { describe, expect, it } from 'vitest';
import { matchHeader } from '../../src/ingest/columns.js';
import { currencyCode, headerCurrency, splitHeaderCurrency } from '../../src/normalize/amounts.js';
import { normalizeRows } from '../../src/normalize/rows.js';

describe('the currency of a value', () => {
  it('is an ISO 4217 code in a currency cell, and nothing else', () => {
    expect(currencyCode(' usd ')).toBe('USD');
    expect(currencyCode('HKD')).toBe('HKD');
    expect(currencyCode('$')).toBeNull();
    expect(currencyCode('Dollar')).toBeNull();
    expect(currencyCode('XYZ')).toBeNull();
    expect(currencyCode(undefined)).toBeNull();
  });

  it('is read from the amount header as the real exports write it', () => {
    expect(headerCurrency('Market Value (USD)')).toBe('USD');
    expect(headerCurrency('Kurswert in EUR')).toBe('EUR');
    expect(headerCurrency('Valorisation (EUR)')).toBe('EUR');
    expect(headerCurrency('市值(港元)')).toBe('HKD');
    expect(headerCurrency('市值（人民币）')).toBe('CNY');
    expect(headerCurrency('Value ($)')).toBeNull();
    expect(headerCurrency('Market Value')).toBeNull();
  });

  it('maps the currency columns of several languages', () => {
    for (const name of ['Currency', 'Currency Code', 'Market Value Currency', 'Währung', 'Devise', 'Divisa', 'Valuta', '币种', '货币']) {
      expect(matchHeader(['Name', 'ISIN', 'Market Value', name])?.columns.currency, name).toBe(3);
    }
    expect(matchHeader(['Bezeichnung', 'ISIN', 'Kurswert in EUR'])?.valueCurrency).toBe('EUR');
  });

  const row = (cells: Record<string, string>, valueCurrency?: string) => ({
    file: 'h.csv',
    line: 2,
    cells,
    raw: Object.values(cells),
    context: null,
    ...(valueCurrency === undefined ? {} : { valueCurrency }),
  });

  it('is carried on each holding: the value header first, then the currency cell', () => {
    const { holdings } = normalizeRows([
      row({ name: 'HIKVISION', value: '10', currency: 'hkd' }),
      row({ name: 'DAHUA', value: '10', currency: 'USD' }, 'EUR'),
      row({ name: 'IFLYTEK', value: '10', currency: 'Renminbi' }),
      row({ name: 'MEGVII', value: '10' }),
    ]);
    expect(holdings.map((h) => h.currency)).toEqual(['HKD', 'EUR', null, null]);
  });
});

describe('the currency after an amount header, however it is written', () => {
  it.each([
    ['Valor de mercado EUR', 'EUR', 'Valor de mercado'],
    ['Controvalore EUR', 'EUR', 'Controvalore'],
    ['Controvalore €', 'EUR', 'Controvalore'],
    ['Valore di mercato €', 'EUR', 'Valore di mercato'],
    ['Marktwert (EUR)', 'EUR', 'Marktwert'],
    ['Waarde in EUR', 'EUR', 'Waarde'],
    ['Valor en EUR', 'EUR', 'Valor'],
    ['Valorisation (€)', 'EUR', 'Valorisation'],
    ['Market Value USD', 'USD', 'Market Value'],
    ['Market Value (USD)', 'USD', 'Market Value'],
    ['Kurswert in EUR', 'EUR', 'Kurswert'],
  ])('%j states %s', (header, currency, name) => {
    expect(splitHeaderCurrency(header)).toEqual({ currency, name });
    expect(headerCurrency(header)).toBe(currency);
  });

  it('is no currency when the last word is no ISO code, or the sign is that of several currencies', () => {
    for (const header of ['Mkt Val', 'Value ($)', 'Price £', 'Total Cost', 'Market Value (Local)']) {
      expect(splitHeaderCurrency(header).currency, header).toBeNull();
    }
  });

  it('gives the value column its currency in every form (matchHeader)', () => {
    for (const header of [
      'Valor de mercado EUR',
      'Controvalore EUR',
      'Controvalore €',
      'Marktwert (EUR)',
      'Waarde in EUR',
      'Valorisation (€)',
    ]) {
      const match = matchHeader(['Name', 'ISIN', header]);
      expect(match?.columns.value, header).toBe(2);
      expect(match?.valueCurrency, header).toBe('EUR');
    }
    expect(matchHeader(['Name', 'ISIN', 'Market Value USD'])?.valueCurrency).toBe('USD');
  });
});
