import { createContext, useContext } from 'react';
import { visitorTimeZone } from '../lib/zones';

/** The business's zone (from /business-hours; null until it has loaded) and the visitor's, for every step. */
export interface Zones {
  business: string | null;
  visitor: string;
  /** The business's name, said next to its times ("16:00 at Demo Studio"). */
  place: string;
}

export const ZonesContext = createContext<Zones>({ business: null, visitor: visitorTimeZone(), place: '' });

export function useZones(): Zones {
  return useContext(ZonesContext);
}
