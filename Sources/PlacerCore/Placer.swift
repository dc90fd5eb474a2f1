// Version and identity of the engine.

/// The engine's version, printed by `placer --version` and in the manifest.
public let placerVersion = "0.1.0"
