// The placeholders of one request: every attribute name becomes `#nI` and every value `:vI`, so no
// name or value is ever spliced into expression text (reserved words, `a.b`, `#x`, `:y`, spaces and
// unicode all work, and nothing can be injected). Equal names and equal values share a placeholder
// across all expressions of the request.

/** A key equal for equal AttributeValues; bytes are compared by content. */
function valueKey(value) {
  return JSON.stringify(value, (_, v) => (ArrayBuffer.isView(v)
    ? { '\u0000bytes': new Uint8Array(v.buffer, v.byteOffset, v.byteLength).join() }
    : v));
}

export class Placeholders {
  #names = new Map(); // attribute name -> placeholder
  #values = new Map(); // valueKey -> [placeholder, AttributeValue]

  name(name) {
    let placeholder = this.#names.get(name);
    if (placeholder === undefined) {
      placeholder = `#n${this.#names.size}`;
      this.#names.set(name, placeholder);
    }
    return placeholder;
  }

  value(value) {
    const key = valueKey(value);
    let entry = this.#values.get(key);
    if (entry === undefined) {
      entry = [`:v${this.#values.size}`, value];
      this.#values.set(key, entry);
    }
    return entry[0];
  }

  /** `#n0.#n1[2]`. */
  path(path) {
    return path.map((s, i) => ('index' in s ? `[${s.index}]` : `${i === 0 ? '' : '.'}${this.name(s.name)}`)).join('');
  }

  /** The request parameters; a map with no entry is left out (DynamoDB refuses empty ones). */
  params() {
    const params = {};
    if (this.#names.size > 0) {
      params.ExpressionAttributeNames = Object.fromEntries([...this.#names].map(([name, p]) => [p, name]));
    }
    if (this.#values.size > 0) {
      params.ExpressionAttributeValues = Object.fromEntries([...this.#values.values()]);
    }
    return params;
  }
}
