/** Writes the trimmed FHIR definitions the browser's local mode fetches into app/public/fhir (generated; not committed). */
import { writeTrimmedDefinitions } from './lib/trim-definitions';

const sizes = writeTrimmedDefinitions('app/public/fhir');
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
console.log(`FHIR definitions for local mode: ${(total / 1e6).toFixed(1)} MB in app/public/fhir`);
