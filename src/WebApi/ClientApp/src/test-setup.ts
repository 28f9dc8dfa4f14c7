import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// The visitor sits in the fake API's business zone unless a test says otherwise (one time per slot, not two).
vi.stubEnv('TZ', 'Europe/Berlin');

afterEach(() => cleanup());
