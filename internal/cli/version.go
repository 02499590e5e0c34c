package cli

// Version is the xent release this command reports and records in model
// files.
const Version = "0.1.0"
