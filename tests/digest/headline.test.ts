import { describe, expect, it } from 'vitest';
import { cleanHeadline } from '../../src/digest/headline.js';

describe('cleanHeadline', () => {
  it.each([
    ['UPDATE: Peru earthquake death toll rises to 12', 'Peru earthquake death toll rises to 12'],
    ['UPDATE 2-Peru earthquake death toll rises to 12', 'Peru earthquake death toll rises to 12'],
    ['Exclusive: Solberg signals more rate hikes', 'Solberg signals more rate hikes'],
    ['Breaking: Sierra Alta fire reaches San Benedetto', 'Sierra Alta fire reaches San Benedetto'],
    ['Okonjo strikes late as Rovers stun Haldor - report', 'Okonjo strikes late as Rovers stun Haldor'],
    ['Earthquake in Arequipa: 12 dead, highway cut | Lima Daily', 'Earthquake in Arequipa: 12 dead, highway cut'],
    ['Ferry fares to rise 9% – Coastline Daily', 'Ferry fares to rise 9%'],
    ['Ferry fares to rise 9% - coastline.example', 'Ferry fares to rise 9%'],
    ['Bank raises rates [Video]', 'Bank raises rates'],
  ])('given "%s", returns "%s"', (title, clean) => {
    expect(cleanHeadline(title, 'Coastline Daily')).toBe(clean);
  });

  it('keeps a meaningful dash tail and never strips below three words', () => {
    expect(cleanHeadline('Rivermouth backs tram extension - council vote')).toBe('Rivermouth backs tram extension - council vote');
    expect(cleanHeadline('UPDATE: Fire')).toBe('UPDATE: Fire');
  });
});
