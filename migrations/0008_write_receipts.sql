-- Migration number: 0008 	 2026-12-05T00:00:00.000Z
-- A receipt for each write the product sends to D1 over HTTP, in the same batch (one transaction).
-- A write whose answer was lost (a timeout, a reset, a 5xx) is sent again with the same receipt id:
-- if an earlier attempt committed, the retry fails on the receipt's key and changes nothing, so a
-- write is made once however often it is sent. The batch also notes on its receipt how many rows each
-- of its statements changed ("1,0,3"), so the retry can answer what the lost answer would have said.
-- Receipts are needed only while a write may still be retried (seconds); the product deletes those
-- older than an hour as it writes. The embedded SQLite store writes in local transactions and does
-- not use them.
CREATE TABLE write_receipts (
    id         VARCHAR(36) NOT NULL PRIMARY KEY,
    written_at BIGINT      NOT NULL,
    outcome    TEXT
);
