package io.cdnpurge.cli;

import picocli.CommandLine.Command;

/** {@code cdn-purge plan}: {@code purge --dry-run}, the vendor calls a purge would make. */
@Command(name = "plan", sortOptions = false, usageHelpAutoWidth = true,
        description = "Show the vendor calls a purge would make, per client; send nothing (purge --dry-run).")
final class PlanCommand extends PurgeCommand {
    @Override
    public Integer call() throws Exception {
        dryRun = true;
        return super.call();
    }
}
