/** Runs the slow suites (end to end, workflows, static checks) first so both workers stay busy. */
const Sequencer = require('@jest/test-sequencer').default;

const SLOW = ['/e2e/', '/static/', '/workflows/'];

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const index = SLOW.findIndex((part) => test.path.includes(part));
      return index === -1 ? SLOW.length : index;
    };
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}
module.exports = SlowFirstSequencer;
