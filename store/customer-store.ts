/** One identity of a customer: their handle (or id) on one channel, as the platform shows it. */
export interface CustomerIdentity {
  channel: string;
  author: string;
}

/** The customer's notes, kept across threads; `version` grows with each save (compare-and-set). */
export interface CustomerNotes {
  text: string;
  by: string;
  at: number;
  version: number;
}

/**
 * A customer: the identities an agent linked together (a transitive group: linking a to b and b to c
 * makes one customer of all three), and their notes. An identity nobody linked or noted is a customer
 * of one (`id` null).
 */
export interface Customer {
  id: string | null;
  /** The identity asked about first, then the others linked to it, in a stable order. */
  identities: CustomerIdentity[];
  notes: CustomerNotes | null;
}

/** A customer's threads (any of their identities), newest first: the latest by their latest post there. */
export interface CustomerThreads<Listed> {
  threads: Listed[];
  /** Threads in all, beyond the page. */
  total: number;
}

export type NotesSave = { ok: true; customer: Customer } | { ok: false; customer: Customer };

/**
 * What agents know of customers across threads and channels, on both backends (sqlite-customers.ts,
 * redis-customers.ts). `Listed`: a thread as the handoff store lists it (ListedThread).
 */
export interface CustomerStore<Listed> {
  customer(identity: CustomerIdentity): Promise<Customer>;
  /** Links two identities into one customer (their groups merged, their notes joined); returns it. */
  linkIdentities(request: { a: CustomerIdentity; b: CustomerIdentity; actor: string; now: number }): Promise<Customer>;
  /** Takes one identity out of its customer (undoes its link); the notes stay with the others. Returns it alone. */
  unlinkIdentity(identity: CustomerIdentity): Promise<Customer>;
  /** Saves the customer's notes when `ifVersion` is the version saved last (0: none yet); else ok false, as they are. */
  saveCustomerNotes(request: {
    identity: CustomerIdentity;
    text: string;
    ifVersion: number;
    actor: string;
    now: number;
  }): Promise<NotesSave>;
  /** Threads with a post by any of `identities`, newest first, at most `limit`, with their latest mention (text cut as the queue's). */
  customerThreads(identities: readonly CustomerIdentity[], limit: number): Promise<CustomerThreads<Listed>>;
}
