// What every operation of a model needs, as one declared shape: the resolved definition
// (js/model/definition.mjs validates it), the class hierarchy it belongs to, and the caches derived
// from it, computed on first use. Instances are sealed: no module adds a field; the mutable state
// (the class value, the keys still to resolve) changes through the members below only.
import { clientRegion } from '../console/region.mjs';

/** `{ name, role, dbName }` of each `[name, role]` key pair whose attribute is defined. */
const keyEntries = (m, pairs) => pairs.filter(([name]) => name !== undefined).map(([name, role]) => ({ name, role, dbName: m.dbName(name) }));

export class ModelMeta {
  #classValue = undefined;
  #pendingKeys;
  #preparing = undefined;
  #indexKeyRoles = undefined;
  #s3OwnedNames = undefined;
  #attributeNames = undefined;
  #tableKey = undefined;
  #keyChecks = undefined;

  /**
   * `resolved`: the fields resolveDefinition derived from a definition; `parent`: the meta of the
   * model a subclass extends (it shares the parent's registry and client region), else undefined.
   */
  constructor(resolved, parent) {
    this.name = resolved.name;
    this.table = resolved.table;
    this.client = resolved.client;
    this.s3 = resolved.s3;
    /** Gets an S3Error E_S3_CLEANUP per 'item'-layout object a write could not delete (js/model/s3-writes.mjs). */
    this.onS3CleanupError = resolved.onS3CleanupError;
    /** Property name → Attribute; `setKey` replaces an encrypted attribute by its rotated copy. */
    this.attributes = resolved.attributes;
    /** DynamoDB name → property name. */
    this.byDbName = resolved.byDbName;
    /** The DynamoDB name of attribute `name` (a bound function: callers pass it to `map`). */
    this.dbName = (name) => this.attributes.get(name).options.attrName ?? name;
    this.hashKey = resolved.hashKey;
    this.rangeKey = resolved.rangeKey;
    this.indexes = resolved.indexes;
    this.ttl = resolved.ttl;
    this.version = resolved.version;
    /** Polymorphism (js/model/polymorphic.mjs): the discriminator attribute, every class by value, the parent class. */
    this.discriminator = resolved.discriminator;
    this.registry = parent ? parent.registry : new Map();
    this.parent = parent;
    /** What `defineSubclass` extends. */
    this.definition = resolved.definition;
    /** `[name, attribute]` of the attributes holding polymorphic maps (js/attributes/map-variants.mjs). */
    this.variantMaps = resolved.variantMaps;
    this.billingMode = resolved.billingMode;
    this.throughput = resolved.throughput;
    this.codec = resolved.codec;
    /** The client's region for the console URLs (js/console/region.mjs), started once per hierarchy. */
    this.region = parent ? parent.region : clientRegion(resolved.client);
    this.#pendingKeys = resolved.pendingKeys;
    Object.seal(this);
  }

  /** The discriminator value of this class's items (undefined until registered). */
  get classValue() {
    return this.#classValue;
  }

  /** Records that items of the class `Model` of this meta store `value`; pynamodb's register_class. */
  register(value, Model) {
    this.#classValue = value;
    this.registry.set(value, { Model, m: this });
  }

  /**
   * Resolves the keys of encrypted attributes that need waiting (key providers), once: `resolve`
   * gets their names; after a failure (e.g. a KMS call that failed) the next call tries again.
   * Undefined when nothing is pending.
   */
  keysResolved(resolve) {
    if (this.#pendingKeys.length === 0) return undefined;
    this.#preparing ??= resolve(this.#pendingKeys).then(
      () => { this.#pendingKeys = []; },
      (error) => {
        this.#preparing = undefined;
        throw error;
      },
    );
    return this.#preparing;
  }

  /** The index key attributes: name → 'hash' or 'range' (the stricter limit when it is both). */
  get indexKeyRoles() {
    if (!this.#indexKeyRoles) {
      const roles = new Map();
      for (const index of this.indexes.values()) {
        if (index.hashKey !== undefined && !roles.has(index.hashKey)) roles.set(index.hashKey, 'hash');
        if (index.rangeKey !== undefined) roles.set(index.rangeKey, 'range');
      }
      this.#indexKeyRoles = roles;
    }
    return this.#indexKeyRoles;
  }

  /** The attributes' property names, in the definition's order (a rotation replaces attributes, never adds one). */
  get attributeNames() {
    this.#attributeNames ??= [...this.attributes.keys()];
    return this.#attributeNames;
  }

  /** The table's key attributes: `[{ name, role: 'hash' | 'range', dbName }]` (what every read and write encodes). */
  get tableKey() {
    this.#tableKey ??= keyEntries(this, [[this.hashKey, 'hash'], [this.rangeKey, 'range']]);
    return this.#tableKey;
  }

  /** The key attributes of the table and of every index, as `tableKey`: what a written item's values are checked against. */
  get keyChecks() {
    this.#keyChecks ??= [...this.tableKey, ...keyEntries(this, [...this.indexes.values()].flatMap((i) => [[i.hashKey, 'hash'], [i.rangeKey, 'range']]))];
    return this.#keyChecks;
  }

  /** The names of the 'item'-layout S3 attributes, whose objects belong to one item (js/model/s3-writes.mjs). */
  get s3OwnedNames() {
    this.#s3OwnedNames ??= [...this.attributes].filter(([, a]) => a.needsS3 && a.layout === 'item').map(([name]) => name);
    return this.#s3OwnedNames;
  }
}
