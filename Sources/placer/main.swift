import PlacerCore

print("placer \(placerVersion)")
