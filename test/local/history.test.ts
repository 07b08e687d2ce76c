import { describe, expect, test } from 'vitest';
import { createLocalMedplum } from '../../local';

describe('the local runtime answers history reads as Medplum does', () => {
  test('newest version first, every time, and _count is honoured', async () => {
    const medplum = createLocalMedplum({ subscriptions: false });
    const v1 = await medplum.createResource({ resourceType: 'Patient', name: [{ family: 'One' }] });
    const v2 = await medplum.updateResource({ ...v1, name: [{ family: 'Two' }] });
    await medplum.updateResource({ ...v2, name: [{ family: 'Three' }] });
    const families = async (count?: number): Promise<string[]> => {
      const bundle = await medplum.readHistory('Patient', v1.id, count ? { count } : {}, { cache: 'no-cache' });
      return (bundle.entry ?? []).map((e) => (e.resource as { name: { family: string }[] }).name[0]?.family ?? '');
    };
    expect(await families()).toEqual(['Three', 'Two', 'One']);
    expect(await families()).toEqual(['Three', 'Two', 'One']); // the engine alone flips the order on each read
    expect(await families(2)).toEqual(['Three', 'Two']);
  });
});
