// The tracker's store on DynamoDB, built on the public model API only: a write the policy describes
// (describe.mjs) is one conditional PutItem or UpdateItem of the tracker's model; a refused one
// brings the stored item back with it (returnValuesOnConditionCheckFailure), so that no second read
// races with other workers to say why.
//
// The store interface (js/testing/memory-task-store.mjs implements it too): `put`, `putAll`,
// `update`, `get`; items are model instances; each write resolves to `{ ok: true, item }` (the item
// as written) or `{ ok: false, item }` (the item as stored when the condition failed, or null when
// there is none).
import { toActions, toCondition } from './describe.mjs';

const ALL_OLD = 'ALL_OLD';

export class DynamoTaskStore {
  #Model;

  constructor(Model) {
    this.#Model = Model;
  }

  /** A refused write's result: the stored item decoded (its decoding error, if any, is thrown). */
  async #refused(error) {
    if (error.code !== 'E_DYNAMODB_CONDITION') throw error;
    return { ok: false, item: error.item ? await this.#Model.fromItem(error.item) : null };
  }

  /** Puts `item` (a model instance) if `condition` holds (always when undefined). */
  async put(item, condition) {
    const opts = condition === undefined ? {} : { condition: toCondition(this.#Model.attr, condition), returnValuesOnConditionCheckFailure: ALL_OLD };
    try {
      return { ok: true, item: await item.save(opts) };
    } catch (error) {
      return this.#refused(error);
    }
  }

  /** Puts `items` unconditionally, in batches. */
  async putAll(items) {
    await this.#Model.batchWrite({ put: items });
  }

  /**
   * Applies `actions` to the item of `key` if `condition` holds. When the item as written does not
   * decode (E_ITEM_STORED: another writer stored a value this library cannot read), the write was
   * made all the same: resolves to `{ ok: true, unreadable: error }`.
   */
  async update(key, actions, condition) {
    const A = this.#Model.attr;
    try {
      const item = await new this.#Model({ key }).update(toActions(A, actions), { condition: toCondition(A, condition), returnValuesOnConditionCheckFailure: ALL_OLD });
      return { ok: true, item };
    } catch (error) {
      if (error.code === 'E_ITEM_STORED') return { ok: true, unreadable: error };
      return this.#refused(error);
    }
  }

  /** The item of `key`, or null; strongly consistent unless told otherwise. */
  get(key, { consistentRead = true, attributes } = {}) {
    return this.#Model.getOneOrNone(key, { consistentRead, ...(attributes ? { attributes } : {}) });
  }
}
