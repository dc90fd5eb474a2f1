// `--columns FILE` and `--taxonomy FORMAT:PATH`: how the inputs are read.

import Foundation
import PlacerCore

/// The keys a `--columns` file may hold: the input-format part of a
/// config file.
private struct ColumnsFile: Decodable {
  var learnerColumns: [String: ColumnRule]?
  var listingColumns: [String: ColumnRule]?
  var listSeparator: String?
  var levelSeparator: String?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case learnerColumns = "learner_columns"
    case listingColumns = "listing_columns"
    case listSeparator = "list_separator"
    case levelSeparator = "level_separator"
  }
}

enum InputOptions {
  /// Applies each `--columns` file in turn (field by field over the
  /// config's mapping, so one file can map learners and another listings) and
  /// `--taxonomy` (replacing the config's list) to `config`.
  static func apply(_ options: Options, to config: inout RunConfiguration)
    throws
  {
    for path in options.all("columns") {
      let file = try readColumnsFile(path)
      for (field, rule) in file.learnerColumns ?? [:] {
        config.learnerColumns[field] = rule
      }
      for (field, rule) in file.listingColumns ?? [:] {
        config.listingColumns[field] = rule
      }
      config.listSeparator = file.listSeparator ?? config.listSeparator
      config.levelSeparator = file.levelSeparator ?? config.levelSeparator
    }
    let arguments = options.all("taxonomy")
    guard !arguments.isEmpty else { return }
    config.taxonomies = try arguments.map { argument in
      guard let source = TaxonomySource(argument: argument) else {
        let formats = TaxonomySource.Format.allCases.map(\.rawValue)
        throw UsageError(
          message: "--taxonomy expects FORMAT:PATH with FORMAT one of "
            + "\(formats.joined(separator: ", ")), got '\(argument)'")
      }
      return source
    }
  }

  /// Taxonomy paths in a config file are relative to the file's folder.
  static func resolvePaths(
    _ config: inout RunConfiguration,
    configPath: String
  ) {
    let folder = (configPath as NSString).deletingLastPathComponent
    guard !folder.isEmpty else { return }
    for k in config.taxonomies.indices
    where !config.taxonomies[k].path.hasPrefix("/") {
      config.taxonomies[k].path = folder + "/" + config.taxonomies[k].path
    }
  }

  private static func readColumnsFile(_ path: String) throws -> ColumnsFile {
    guard let data = fileContents(atPath: path) else {
      throw UnreadableFileError(
        message: "cannot read --columns file '\(path)': \(whyUnreadable(path))")
    }
    let known = ColumnsFile.CodingKeys.allCases.map(\.rawValue)
    let file: ColumnsFile
    do {
      let object = try JSONSerialization.jsonObject(with: data)
      if let keys = (object as? [String: Any])?.keys {
        for key in keys.sorted() where !known.contains(key) {
          throw UsageError(
            message: "--columns '\(path)': unknown key '\(key)'; a columns "
              + "file holds \(known.joined(separator: ", "))")
        }
      }
      file = try JSONDecoder().decode(ColumnsFile.self, from: data)
    } catch let error as UsageError {
      throw error
    } catch let error as ConfigurationError {
      throw UsageError(message: "--columns '\(path)': \(error)")
    } catch {
      throw UsageError(
        message: "--columns '\(path)' is not a valid columns file: \(error)")
    }
    try checkFields(file, path: path)
    return file
  }

  private static func checkFields(_ file: ColumnsFile, path: String) throws {
    do {
      try checkColumnFields(
        file.learnerColumns ?? [:], section: "learner_columns",
        known: LearnerReader.fields)
      try checkColumnFields(
        file.listingColumns ?? [:], section: "listing_columns",
        known: ListingReader.fields)
    } catch {
      throw UsageError(message: "--columns '\(path)': \(error)")
    }
  }
}

/// Why `path` could not be read, for messages.
func whyUnreadable(_ path: String) -> String {
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
  else { return "no such file" }
  return isDirectory.boolValue ? "it is a directory" : "permission denied"
}

/// Every file a run reads, which an output directory must not replace.
func inputPaths(_ options: Options, _ configuration: RunConfiguration)
  -> [String]
{
  ["learners", "listings", "config"].compactMap { options.value($0) }
    + options.all("columns") + configuration.taxonomies.map(\.path)
}
