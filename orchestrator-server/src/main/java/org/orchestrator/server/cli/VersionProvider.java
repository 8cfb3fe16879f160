package org.orchestrator.server.cli;

import picocli.CommandLine.IVersionProvider;

/** Prints the version from the jar's manifest (or "development" when run from classes). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"orchestrator " + (version == null ? "development" : version)};
    }
}
