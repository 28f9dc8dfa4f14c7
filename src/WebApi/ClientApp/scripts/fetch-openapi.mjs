// Refreshes the committed contract snapshot (openapi.json) from a running WebApi.
// Usage: dotnet run --project src/WebApi &   then   npm run gen:api   (API_URL overrides the default).
import { writeFile } from 'node:fs/promises';

const url = (process.env.API_URL ?? 'http://localhost:5000') + '/openapi/v1.json';
const response = await fetch(url);
if (!response.ok) throw new Error(`GET ${url} -> ${response.status}`);
const doc = await response.json();
await writeFile(new URL('../openapi.json', import.meta.url), JSON.stringify(doc, null, 2) + '\n');
console.log(`openapi.json refreshed from ${url}`);
