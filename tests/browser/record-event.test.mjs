// <kollega-app>'s host-facing API: a store set before connect, and recordEvent (issue 6/7 contract).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, openPage, waitForPath } from './browser-helpers.mjs';

let demo;
before(async () => {
  demo = await startDemo();
});
after(async () => {
  await demo?.stop();
});

test('kollega-app: a store set before connect is used; recordEvent fills id/actor/at, checks and stores', async () => {
  const context = await demo.browser.newContext();
  try {
    const page = await openPage(context, demo.url('/'));
    await waitForPath(page);
    const result = await page.evaluate(async () => {
      const { MemoryStore } = await import('/kollega/kollega.js');
      const store = new MemoryStore();
      const app = document.createElement('kollega-app');
      app.setAttribute('program', 'programs/leaders-learning-group.json');
      app.setAttribute('learner', 'ann');
      app.store = store;
      const ready = new Promise((resolve) => app.addEventListener('kollega-ready', resolve, { once: true }));
      document.body.append(app);
      await ready;
      const sameStore = app.store === store;
      const agreed = await app.recordEvent({ type: 'ground-rules.agreed', payload: {} });
      const flat = await app.recordEvent({ type: 'win.celebrated', visibility: 'private', text: 'I said no kindly' });
      const errors = [];
      for (const fields of [
        { type: 'goal.set', goal: 'not-a-uuid', activity: 'goal', text: 't', measure: 'm' },
        { type: 'reflection.written', visibility: 'group', activity: 'reflection', text: 't' },
        { type: 'step.completed', payload: { step: 'reflect' } },
      ]) {
        try {
          await app.recordEvent(fields);
          errors.push(null);
        } catch (e) {
          errors.push({ name: e.name, code: e.code, path: e.path });
        }
      }
      return { sameStore, agreed, flat, errors, stored: (await store.list('leaders-learning-group')).length };
    });
    assert.equal(result.sameStore, true);
    assert.match(result.agreed.id, /^[0-9a-f-]{36}$/);
    assert.equal(result.agreed.actor, 'ann');
    assert.equal(result.agreed.visibility, 'gradebook');
    assert.ok(!Number.isNaN(Date.parse(result.agreed.at)));
    assert.deepEqual(result.flat.payload, { text: 'I said no kindly' });
    assert.equal(result.flat.visibility, 'private');
    assert.deepEqual(result.errors, [
      { name: 'KollegaError', code: 'invalid_value', path: '/payload/goal' },
      { name: 'KollegaError', code: 'visibility_too_open', path: '/visibility' },
      { name: 'KollegaError', code: 'step_locked', path: '' },
    ]);
    assert.equal(result.stored, 2, 'only the accepted events are stored');
    assert.deepEqual(page.problems.pageErrors, []);
  } finally {
    await context.close();
  }
});
