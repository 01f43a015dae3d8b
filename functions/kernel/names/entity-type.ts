/** What kind of party a name belongs to: on a list, or in a query. */
export type EntityType = 'PERSON' | 'ORGANIZATION' | 'VESSEL' | 'AIRCRAFT';
