import { round, type Random } from './random';
import type { RecordMakerFactory } from './record';

type ActivityEvent = 'page_view' | 'click' | 'add_to_cart' | 'purchase';

const PAGES = ['/', '/search', '/category/outdoor', '/category/electronics', '/category/home', '/deals', '/help'] as const;
const PRODUCTS = ['p-10421', 'p-10588', 'p-11002', 'p-11230', 'p-12045', 'p-12977', 'p-13310', 'p-14002'] as const;
const REFERRERS = [
  ['direct', 5],
  ['google', 4],
  ['facebook', 1],
  ['newsletter', 1],
] as const;
const DEVICES = [
  ['mobile', 6],
  ['desktop', 3],
  ['tablet', 1],
] as const;
const USERS = 5_000;
const CONCURRENT_SESSIONS = 200;

interface Session {
  id: string;
  userId: string;
  device: string;
  referrer: string;
  last: ActivityEvent | null;
  cart: number;
  product: string | null;
}

/**
 * Where a session goes next: a funnel in which most visitors browse, fewer click a product, fewer
 * still add it to the cart, and a few buy. `null` ends the session.
 */
function nextStep(random: Random, session: Session): ActivityEvent | null {
  switch (session.last) {
    case null:
      return 'page_view';
    case 'page_view':
      return random.weighted([
        ['page_view', 40],
        ['click', 45],
        [null, 15],
      ] as const);
    case 'click':
      return random.weighted([
        ['page_view', 40],
        ['click', 20],
        ['add_to_cart', 25],
        [null, 15],
      ] as const);
    case 'add_to_cart':
      return random.weighted([
        ['page_view', 30],
        ['click', 20],
        ['purchase', 35],
        [null, 15],
      ] as const);
    case 'purchase':
      return random.weighted([
        ['page_view', 30],
        [null, 70],
      ] as const);
  }
}

function newSession(random: Random): Session {
  return {
    id: `sess-${random.hex(12)}`,
    userId: `user-${String(random.int(1, USERS)).padStart(5, '0')}`,
    device: random.weighted(DEVICES),
    referrer: random.weighted(REFERRERS),
    last: null,
    cart: 0,
    product: null,
  };
}

function urlFor(random: Random, event: ActivityEvent, session: Session): string {
  if (event === 'page_view') return random.pick(PAGES);
  if (event === 'click') return `/product/${session.product}`;
  if (event === 'add_to_cart') return '/cart';
  return '/checkout/confirmation';
}

/**
 * Each record is one step of one of a few hundred interleaved sessions, keyed by user so one
 * user's clicks stay in order. Purchases carry an amount; ended sessions make room for new ones.
 */
export const userActivity: RecordMakerFactory = (random) => {
  const sessions = Array.from({ length: CONCURRENT_SESSIONS }, () => newSession(random));
  return (now) => {
    const slot = random.int(0, sessions.length - 1);
    let session = sessions[slot];
    let event = nextStep(random, session);
    if (event === null) {
      session = sessions[slot] = newSession(random);
      event = 'page_view';
    }
    if (event === 'click') session.product = random.pick(PRODUCTS);
    if (event === 'add_to_cart') session.cart += 1;
    const amount = event === 'purchase' ? round(session.cart * (99 + random.next() * 1400), 2) : null;
    if (event === 'purchase') session.cart = 0;
    session.last = event;
    return {
      key: session.userId,
      value: {
        event_id: random.hex(16),
        event_type: event,
        user_id: session.userId,
        session_id: session.id,
        url: urlFor(random, event, session),
        product_id: event === 'page_view' ? null : session.product,
        amount_nok: amount,
        device: session.device,
        referrer: session.referrer,
        event_time: now,
      },
    };
  };
};
