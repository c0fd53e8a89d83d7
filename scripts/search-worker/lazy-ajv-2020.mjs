// Stands in for `ajv/dist/2020.js` in the search worker's bundle (scripts/bundle-search-worker.mjs).
// @platformatic/kafka compiles about 40 validators of its calls' options when it is loaded; in a
// search worker that cost 0.4-0.9 s of each worker's start (node --cpu-prof of `streamdesk search`)
// for the few calls a worker makes. Here a validator is compiled by the real ajv at its first use,
// so the options a worker passes are still checked, and ajv loads only then (from the bundle: resolving
// and reading its ~80 files from node_modules cost each worker more than running them).
export class Ajv2020 {
  constructor(options) {
    this.options = options;
    this.keywords = [];
    this.real = null;
  }

  instance() {
    if (!this.real) {
      // bundled (scripts/bundle-search-worker.mjs resolves this one import to the real ajv), and
      // evaluated only here: a require() in a bundle runs its module at the call
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point: an import would run at start
      const { Ajv2020 } = require('ajv/dist/2020.js');
      this.real = new Ajv2020(this.options);
      for (const keyword of this.keywords) this.real.addKeyword(keyword);
    }
    return this.real;
  }

  addKeyword(definition) {
    if (this.real) this.real.addKeyword(definition);
    else this.keywords.push(definition);
    return this;
  }

  compile(schema) {
    const real = () => this.instance();
    let compiled = null;
    const validate = (...args) => {
      compiled ??= real().compile(schema);
      const valid = compiled(...args);
      validate.errors = compiled.errors;
      return valid;
    };
    validate.errors = null;
    validate.schema = schema;
    return validate;
  }

  errorsText(errors, options) {
    return this.instance().errorsText(errors, options);
  }
}

export default Ajv2020;
