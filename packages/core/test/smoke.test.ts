import { describe, expect, it } from 'vitest';
import { LAYOUT_VERSION } from '@coproduce/core';
describe('smoke', () => { it('exports a layout version', () => { expect(LAYOUT_VERSION).toBe(1); }); });
