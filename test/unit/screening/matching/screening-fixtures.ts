import type { EntityType, SanctionedEntity } from '../../../../functions/screening/lists/sanctioned-entity';

/** A listed entity with empty features, for tests that only care about some of them. */
export function listedEntity(
  entityId: string,
  type: EntityType,
  names: SanctionedEntity['names'],
  overrides: Partial<SanctionedEntity> = {},
): SanctionedEntity {
  return {
    entityId,
    type,
    names,
    datesOfBirth: [],
    countries: [],
    nationalities: [],
    identifiers: [],
    programs: ['TEST'],
    sourceList: 'TEST',
    listVersion: 'test-1',
    ...overrides,
  };
}

/** A small hand-built list: a few persons, organisations and a vessel, with aliases, dates, countries and ids. */
export function smallList(): SanctionedEntity[] {
  return [
    listedEntity(
      'test:putin',
      'PERSON',
      [
        { name: 'PUTIN, Vladimir Vladimirovich', strength: 'PRIMARY' },
        { name: 'Vladimir Putin', strength: 'STRONG' },
      ],
      {
        datesOfBirth: ['1952-10-07'],
        nationalities: ['RU'],
        identifiers: [{ kind: 'PASSPORT', value: 'PA 123-456', country: 'RU' }],
        programs: ['RUSSIA-EO14024'],
        sourceList: 'OFAC-SDN',
      },
    ),
    listedEntity(
      'test:qaddafi',
      'PERSON',
      [
        { name: 'Muammar Qaddafi', strength: 'PRIMARY' },
        { name: 'Moammar Gadhafi', strength: 'STRONG' },
      ],
      { datesOfBirth: ['1942'], countries: ['LY'], sourceList: 'UN' },
    ),
    listedEntity('test:saif', 'PERSON', [{ name: 'Saif al-Islam Qaddafi', strength: 'PRIMARY' }], {
      datesOfBirth: ['1972-06-05'],
      countries: ['LY'],
    }),
    listedEntity('test:rosoboronexport', 'ORGANIZATION', [{ name: 'Rosoboronexport JSC', strength: 'PRIMARY' }], {
      countries: ['RU'],
      identifiers: [
        { kind: 'REGISTRATION', value: '1177746126040' },
        { kind: 'OTHER', value: '123' },
      ],
    }),
    listedEntity('test:pla', 'ORGANIZATION', [{ name: "People's Liberation Army", strength: 'PRIMARY' }]),
    listedEntity('test:baghdadi', 'PERSON', [
      { name: 'Ibrahim Awwad Ibrahim al-Badri', strength: 'PRIMARY' },
      { name: 'Abu Duaa', strength: 'WEAK' },
    ]),
    listedEntity('test:vessel', 'VESSEL', [{ name: 'Vladimir Star', strength: 'PRIMARY' }]),
    // Its only name normalises to nothing, so it is not indexed at all, identifiers included.
    listedEntity('test:nameless', 'PERSON', [{ name: '...', strength: 'PRIMARY' }], {
      identifiers: [{ kind: 'PASSPORT', value: 'ZZ99999' }],
    }),
  ];
}
