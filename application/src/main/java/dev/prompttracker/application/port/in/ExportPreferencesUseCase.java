package dev.prompttracker.application.port.in;

public interface ExportPreferencesUseCase {
    PreferenceExportPage exportPreferences(ExportPreferencesQuery query);
}
