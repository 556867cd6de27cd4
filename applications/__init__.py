"""Online applications for administrative procedures (law 55-19): forms staff build, drafts,
receipts, case handling, verifiable decisions and tacit acceptance."""
