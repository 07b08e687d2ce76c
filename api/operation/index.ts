/**
 * The booking operation: its wire format, its server side (run by the booking Bot) and its client side (used by
 * `createClinik`). The booking Bot imports this door only.
 */
export { describeReply, runWaitlistOffers, serveBooking } from './serve';
export { BOOKING_ACTIONS, BOOKING_BOT_NAME, type BookingReply, type BookingRequest } from './protocol';
